// A few tests read a source file as text (a stylesheet, whose contents the test run stubs). The
// app is typed without Node's types; this is the one function of Node they use.
declare module "node:fs" {
  export function readFileSync(path: URL, encoding: "utf8"): string;
}
