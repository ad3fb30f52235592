// A JSON import rather than a read at run time: the bundle inlines it, so the published CLI needs no
// package.json lookup on start-up.
import packageJson from "../package.json" with { type: "json" };

/** Our own version, recorded in every manifest so regeneration knows what produced a file. */
export function generatorVersion(): string {
  return packageJson.version;
}
