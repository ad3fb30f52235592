import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/lib/config.js";
import { testEnv } from "./env.js";

describe("loadConfig", () => {
  it("names every bad variable in one error", () => {
    const env = testEnv({ PORT: "eighty", PRIMARY_REGION: "Virginia", FLY_REGION: "x" });
    expect(() => loadConfig(env)).toThrow(ConfigError);
    const message = (() => {
      try {
        loadConfig(env);
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/PRIMARY_REGION/);
    expect(message).toMatch(/FLY_REGION/);
    expect(message).not.toContain("Virginia");
  });

  it("runs as the primary region when FLY_REGION is not set", () => {
    const config = loadConfig(testEnv({ PRIMARY_REGION: "iad" }));
    expect(config.region).toBe("iad");
    expect(config.primaryRegion).toBe("iad");
  });

  it("treats an empty variable as unset", () => {
    expect(loadConfig(testEnv({ FLY_REGION: "" })).region).toBe("iad");
  });
});
