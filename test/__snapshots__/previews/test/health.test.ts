import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/lib/config.js";
import { createApp } from "../src/web/app.js";
import { testEnv } from "./env.js";

/** /readyz's answer: the regions and each state, some of them in a group's object (db). */
type Readyz = Record<string, string | Record<string, string>>;

describe("health endpoints", () => {
  const config = loadConfig(testEnv());
  let app: Awaited<ReturnType<typeof createApp>>;
  beforeAll(async () => {
    app = await createApp(config);
  });
  afterAll(() => app.close());

  it("/healthz answers 200 without touching dependencies", async () => {
    const res = await app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
  });

  it("/readyz reports each dependency; none of them is down against the test servers", async () => {
    const res = await app.inject({ method: "GET", url: "/readyz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ region: "iad", primaryRegion: "iad" });
    // The primary region reads from the primary: no replica there.
    expect(res.json().db.replica).toBe("none");
    // A client that connects in the background may report "down" until it has.
    await expect
      .poll(async () => {
        const body = (await app.inject({ method: "GET", url: "/readyz" })).json<Readyz>();
        // Every state the answer holds, those in a group (db) too; none of them may be down.
        const states = Object.values(body).flatMap((state) =>
          typeof state === "string" ? [state] : Object.values(state),
        );
        return states.filter((state) => state === "down");
      })
      .toEqual([]);
  });
});
