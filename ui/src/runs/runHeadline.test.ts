import { describe, expect, it } from "vitest";
import type { FailureEntry, ObjectTypeInfo, OperationRun, ReasonCode, ReasonView } from "../bindings/types";
import { vocabulary } from "../bindings/vocabulary";
import { run } from "../test/fixtures";
import { reasonWords, runHeadline, UNKNOWN_CONNECTION_REASON, UNKNOWN_RUN_REASON } from "./runHeadline";

const objectTypes: ObjectTypeInfo[] = [
  { key: "settings_catalog", label: "Settings catalog policy", category: "configuration" },
  { key: "conditional_access_policy", label: "Conditional access policy", category: "conditional_access" },
  { key: "compliance_policy", label: "Compliance policy", category: "compliance" },
  // A label that begins another: the longer one must win.
  { key: "compliance_policy_script", label: "Compliance policy script", category: "compliance" },
];

function failure(reason_code: string, message: string): FailureEntry {
  return { code: reason_code, reason_code: reason_code as ReasonCode, message };
}

const unreachable = (name: string) =>
  failure("graph.unreachable", `Settings catalog policy '${name}' (${name}): Microsoft Graph could not be reached.`);
const serverError = (name: string) =>
  failure("graph.server_error", `Conditional access policy '${name}' (${name}): the service answered 503.`);

function failed(failure_summary: FailureEntry[], overrides: Partial<OperationRun> = {}): OperationRun {
  return run({
    status: "completed",
    outcome: "partially_succeeded",
    completed_at: "2026-11-22T10:00:05.000Z",
    stale_at: null,
    failure_summary,
    ...overrides,
  });
}

/** Every order of `items`. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, at) =>
    permutations([...items.slice(0, at), ...items.slice(at + 1)]).map((rest) => [item, ...rest]),
  );
}

describe("runHeadline", () => {
  it("blames the reason most failures share, whatever order the entries were written in", () => {
    const entries = [unreachable("a"), serverError("x"), unreachable("b")];
    const headlines = permutations(entries).map((order) => runHeadline(failed(order), { objectTypes }));
    for (const headline of headlines) {
      expect(headline).toMatchObject({
        code: "graph.unreachable",
        known: true,
        source: "failures",
        label: "Microsoft unreachable",
        subject: "Settings catalog policy",
        text: "Microsoft unreachable · Settings catalog policy",
        count: 2,
        total: 3,
      });
    }
    // The entry that names the object is the first one (as stored) with that reason.
    expect(runHeadline(failed(entries), { objectTypes })?.entry).toEqual(entries[0]);
  });

  it("breaks a tie by the reason catalog's order, not by which entry came first", () => {
    const catalog = Object.keys(vocabulary.reason_code);
    // The catalog declares server errors before an unreachable service.
    expect(catalog.indexOf("graph.server_error")).toBeLessThan(catalog.indexOf("graph.unreachable"));
    for (const order of permutations([unreachable("a"), serverError("x")])) {
      const headline = runHeadline(failed(order), { objectTypes });
      expect(headline?.code).toBe("graph.server_error");
      expect(headline?.text).toBe("Microsoft Graph error · Conditional access policy");
    }
  });

  it("takes the reason the run failed with as a whole over its per-object failures", () => {
    const signIn = failure("provider.bad_secret", "Signing in to the tenant failed: the secret was refused.");
    const headline = runHeadline(
      failed([unreachable("a"), unreachable("b"), signIn], {
        outcome: "failed",
        context: { reason_code: "provider.bad_secret" },
      }),
      { objectTypes },
    );
    expect(headline).toMatchObject({ code: "provider.bad_secret", source: "run", label: "Credential refused" });
    expect(headline?.subject).toBeNull();
    expect(headline?.text).toBe("Credential refused");
  });

  it("takes the reconciliation reason over everything else", () => {
    const headline = runHeadline(
      failed([unreachable("a")], {
        outcome: "failed",
        reconciled_at: "2026-11-22T10:00:05.000Z",
        reconciliation_reason: "run.stale_running",
        context: { reason_code: "graph.unreachable" },
      }),
    );
    expect(headline).toMatchObject({
      code: "run.stale_running",
      source: "reconciliation",
      label: "Stopped responding",
    });
  });

  it("counts the types a reason concerns, from the entries and from listings that broke off", () => {
    const both = runHeadline(
      failed([
        unreachable("a"),
        failure("graph.unreachable", "Conditional access policy: the list could not be read."),
      ]),
      { objectTypes },
    );
    expect(both?.subject).toBe("2 object types");
    expect(both?.text).toBe("Microsoft unreachable · 2 object types");

    const listing = runHeadline(
      failed([failure("graph.throttled", "Throttled while listing.")], {
        context: {
          result: {
            kind: "inventory_sync",
            selection: { policy_types: [], categories: [], include_foundations: true, include_dependencies: true },
            types: {
              compliance_policy: { listed: 9, read: 7, failed: 0, pages: 1, complete: false, error: "graph.throttled" },
              settings_catalog: { listed: 4, read: 4, failed: 0, pages: 1, complete: true },
            },
          },
        },
      }),
      { objectTypes },
    );
    expect(listing?.subject).toBe("Compliance policy");

    const longest = runHeadline(failed([failure("graph.forbidden", "Compliance policy script 'Fix' (s-1): denied.")]), {
      objectTypes,
    });
    expect(longest?.subject).toBe("Compliance policy script");
  });

  it("names no type without the catalog's labels, and the words stay the same", () => {
    const headline = runHeadline(failed([unreachable("a"), serverError("x"), unreachable("b")]));
    expect(headline?.subject).toBeNull();
    expect(headline?.text).toBe("Microsoft unreachable");
  });

  it("never puts a code in its words, for any reason the catalog knows", () => {
    for (const code of Object.keys(vocabulary.reason_code)) {
      const headline = runHeadline(failed([failure(code, "Settings catalog policy 'a' (a): failed.")]), {
        objectTypes,
      });
      expect(headline?.code).toBe(code);
      expect(headline?.known).toBe(true);
      expect(headline?.label).not.toContain(code);
      expect(headline?.text).not.toContain(code);
    }
  });

  it("says a reason this version does not describe in a generic sentence, keeping the code as detail only", () => {
    const headline = runHeadline(
      failed([failure("graph.quantum_flux", "Settings catalog policy 'a' (a): something new.")]),
      { objectTypes },
    );
    expect(headline).toMatchObject({
      code: "graph.quantum_flux",
      known: false,
      label: UNKNOWN_RUN_REASON,
      text: `${UNKNOWN_RUN_REASON} · Settings catalog policy`,
    });
    expect(headline?.text).not.toContain("graph.quantum_flux");

    const unrecorded = runHeadline(failed([], { outcome: "failed" }));
    expect(unrecorded).toMatchObject({ code: null, known: false, label: UNKNOWN_RUN_REASON });
  });

  it("explains the reason only with the backend's words for that same code", () => {
    const view = (code: ReasonCode): ReasonView => ({
      code,
      label: "Microsoft unreachable",
      explanation: "Microsoft's service could not be reached.",
      actionability: "retryable_transient",
      next_steps: "Check the network, then run it again.",
    });
    const entries = [unreachable("a"), unreachable("b"), serverError("x")];
    const same = runHeadline(failed(entries), { reason: view("graph.unreachable") });
    expect(same?.explanation).toBe("Microsoft's service could not be reached.");
    expect(same?.nextSteps).toBe("Check the network, then run it again.");
    // The backend explained another of the run's reasons: its words do not belong to this headline.
    const other = runHeadline(failed(entries), { reason: view("graph.server_error") });
    expect(other?.code).toBe("graph.unreachable");
    expect(other?.explanation).toBeNull();
    expect(other?.nextSteps).toBeNull();
  });

  it("has nothing to say about a run that succeeded or has not ended", () => {
    expect(runHeadline(run({ status: "running" }))).toBeNull();
    expect(runHeadline(run({ status: "completed", outcome: "succeeded" }))).toBeNull();
  });

  it("says a blocked run's precondition", () => {
    const headline = runHeadline(
      failed([failure("tenant.not_active", "Contoso Pharma is paused.")], {
        outcome: "blocked",
        context: { reason_code: "tenant.not_active" },
      }),
    );
    expect(headline?.source).toBe("run");
    expect(headline?.label).toBe(vocabulary.reason_code["tenant.not_active"].label);
  });
});

describe("reasonWords", () => {
  it("words a known code by the catalog and an unknown one by the sentence given, never the code", () => {
    expect(reasonWords("graph.unreachable", UNKNOWN_CONNECTION_REASON)).toEqual({
      label: "Microsoft unreachable",
      known: true,
    });
    expect(reasonWords("graph.something_new", UNKNOWN_CONNECTION_REASON)).toEqual({
      label: UNKNOWN_CONNECTION_REASON,
      known: false,
    });
    // Not fooled by names every object has.
    expect(reasonWords("constructor", UNKNOWN_CONNECTION_REASON).known).toBe(false);
  });
});
