import { describe, expect, it } from "vitest";
import type { Tone } from "../bindings/types";
import { type VocabularyDomain, vocabulary } from "../bindings/vocabulary";
import { fallbackIcon, iconFor } from "./icons";
import { present, toneColor, type VocabularyCode } from "./present";

const domains = Object.keys(vocabulary) as VocabularyDomain[];
const tones: Tone[] = ["success", "warning", "danger", "info", "neutral"];

describe("toneColor", () => {
  it.each([
    ["success", "green"],
    ["warning", "yellow"],
    ["danger", "red"],
    ["info", "blue"],
    ["neutral", "gray"],
  ] as const)("maps %s to %s", (tone, color) => {
    expect(toneColor(tone)).toBe(color);
  });
});

describe("present", () => {
  it("covers every domain of the generated vocabulary", () => {
    expect(domains.length).toBeGreaterThan(0);
  });

  describe.each(domains)("domain %s", (domain) => {
    const codes = Object.keys(vocabulary[domain]) as VocabularyCode<typeof domain>[];

    it.each(codes)("%s has a label, a colour and a known icon", (code) => {
      const presentation = present(domain, code);
      expect(presentation).toEqual((vocabulary[domain] as Record<string, unknown>)[code]);
      expect(presentation.label.trim()).not.toBe("");
      expect(tones).toContain(presentation.tone);
      expect(toneColor(presentation.tone)).toMatch(/^[a-z]+$/);
      expect(iconFor(presentation.icon)).not.toBe(fallbackIcon);
    });
  });

  it("shows an unknown code as itself, neutral, with the fallback icon", () => {
    const unknown = present("tenant_status", "deleted" as VocabularyCode<"tenant_status">);
    expect(unknown).toEqual({ label: "deleted", tone: "neutral", icon: "" });
    expect(iconFor(unknown.icon)).toBe(fallbackIcon);
  });
});
