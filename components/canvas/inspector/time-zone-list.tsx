"use client";

import { useEffect, useState } from "react";

/** One `<datalist>` of IANA zones for every time-zone box in the editor. */
export const TIME_ZONE_LIST_ID = "switchboard-time-zones";

export function TimeZoneList() {
  // Filled after mount: the server's zone list may differ from the browser's (hydration).
  const [zones, setZones] = useState<string[]>([]);
  useEffect(() => setZones(typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : []), []);
  return (
    <datalist id={TIME_ZONE_LIST_ID}>
      {zones.map((z) => (
        <option key={z} value={z} />
      ))}
    </datalist>
  );
}
