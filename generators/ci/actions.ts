/**
 * Every action the generated workflows use, pinned by the full commit SHA of a release (a tag can be
 * moved; a SHA cannot), with the release in a comment beside it, which Dependabot updates with the
 * SHA. Each is the newest release whose action.yml runs on `node24`, read from the actions' own
 * repositories: `git rev-parse <tag>^{commit}`.
 */
export const ACTIONS = {
  checkout: { uses: "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1", release: "v7.0.1" },
  setupNode: { uses: "actions/setup-node@820762786026740c76f36085b0efc47a31fe5020", release: "v7.0.0" },
  setupBun: { uses: "oven-sh/setup-bun@0c5077e51419868618aeaa5fe8019c62421857d6", release: "v2.2.0" },
  setupFlyctl: {
    uses: "superfly/flyctl-actions/setup-flyctl@ed8efb33836e8b2096c7fd3ba1c8afe303ebbff1",
    release: "1.6",
  },
} as const;
