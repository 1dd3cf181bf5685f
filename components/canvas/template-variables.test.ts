import { describe, expect, it } from "vitest";
import { example } from "./__fixtures__/examples";
import { eventVariables, profileVariables } from "./template-variables";

describe("profileVariables", () => {
  it("lists fields, then attributes, once each", () => {
    expect(profileVariables(["first_name", "email"])).toEqual([
      "profile.id",
      "profile.phone",
      "profile.email",
      "profile.whatsapp",
      "profile.timezone",
      "profile.locale",
      "profile.country",
      "profile.first_name",
    ]);
  });
});

describe("eventVariables", () => {
  it("finds event paths in templates and wait fields", () => {
    expect(eventVariables(example("appointment-reminder"))).toEqual(["event.appointment_at", "event.clinic", "event.time_local"]);
  });

  it("adds the properties of sample events", () => {
    const vars = eventVariables(example("order-confirmation-whatsapp-sms-fallback"), [{ order_id: "A1", items: { count: 2 } }]);
    expect(vars).toEqual(["event.items", "event.items.count", "event.order_id"]);
  });

  it("skips profile paths", () => {
    expect(eventVariables(example("winback-marketing"))).toEqual(["event.coupon"]);
  });
});
