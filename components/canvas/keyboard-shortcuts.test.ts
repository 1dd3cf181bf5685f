import { describe, expect, it } from "vitest";
import { commandFor, isTextEntry } from "./keyboard-shortcuts";

const press = (key: string, mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {}) => ({
  key,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

describe("commandFor", () => {
  it.each([
    [press("z", { ctrl: true }), "undo"],
    [press("z", { meta: true }), "undo"],
    [press("Z", { meta: true, shift: true }), "redo"],
    [press("z", { ctrl: true, shift: true }), "redo"],
    [press("y", { ctrl: true }), "redo"],
    [press("c", { meta: true }), "copy"],
    [press("x", { ctrl: true }), "cut"],
    [press("v", { ctrl: true }), "paste"],
    [press("Delete"), "delete"],
    [press("Backspace"), "delete"],
    [press("z"), undefined],
    [press("c", { ctrl: true, alt: true }), undefined],
    [press("v", { ctrl: true, shift: true }), undefined],
  ])("%o → %s", (e, expected) => {
    expect(commandFor(e)).toBe(expected);
  });
});

describe("isTextEntry", () => {
  const element = (matches: boolean) => ({ closest: () => (matches ? {} : null) }) as unknown as EventTarget;
  it("is true inside form fields only", () => {
    expect(isTextEntry(element(true))).toBe(true);
    expect(isTextEntry(element(false))).toBe(false);
    expect(isTextEntry(null)).toBe(false);
  });
});
