import { describe, expect, it } from "vitest";
import { toProfileView } from "./context";

describe("toProfileView", () => {
  const row = {
    id: "0b6f8a52-8f1e-4a43-9d4e-6f3f8e3c1a10",
    workspaceId: "5e1c2f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6",
    externalId: "cust-42",
    phone: "+33612345678",
    email: null,
    whatsapp: undefined,
    timezone: "Europe/Paris",
    locale: "fr-FR",
    country: "FR",
    attributes: { first_name: "Ada", phone: "attribute phone", createdAt: "2020 (an attribute)", workspaceId: "mine" },
    createdAt: new Date("2025-01-01T00:00:00Z"),
    updatedAt: new Date("2025-01-02T00:00:00Z"),
  };

  it("shows the attributes, the profile's fields over them, and the external id as id", () => {
    expect(toProfileView(row)).toEqual({
      first_name: "Ada",
      createdAt: "2020 (an attribute)",
      workspaceId: "mine",
      phone: "+33612345678",
      email: null,
      timezone: "Europe/Paris",
      locale: "fr-FR",
      country: "FR",
      id: "cust-42",
    });
  });

  it("leaves out what the row holds beyond the spec's fields, so attributes of those names stay visible", () => {
    const view = toProfileView(row);
    expect(view.createdAt).toBe("2020 (an attribute)");
    expect(view.workspaceId).toBe("mine");
    expect(Object.keys(toProfileView({ ...row, attributes: {} })).sort()).toEqual(["country", "email", "id", "locale", "phone", "timezone"]);
  });

  it("reads a profile without attributes", () => {
    expect(toProfileView({ externalId: "p1", attributes: null })).toEqual({ id: "p1" });
  });
});
