/** The package manager the user ran us with, and the commands it spells differently. */
import type { PACKAGE_MANAGERS } from "../../generators/base/options.js";

export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

/** `npm_config_user_agent` looks like "pnpm/9.12.0 npm/? node/v20.20.2 linux x64". */
export function detectPackageManager(userAgent: string | undefined): PackageManager | undefined {
  const name = userAgent?.split(" ")[0]?.split("/")[0];
  return name === "npm" || name === "pnpm" || name === "yarn" || name === "bun" ? name : undefined;
}

export interface PackageManagerCommands {
  name: PackageManager;
  /** Install from the lock file exactly, as CI and Docker builds must. */
  installFrozen: string;
  install: string;
  /** `npm run build` is `pnpm build` elsewhere; scripts are run through this prefix. */
  run: string;
  /** Runs a package's bin without installing it globally. */
  exec: string;
  lockFile: string;
  /**
   * Drops devDependencies after the build, for the runtime image. bun has no prune, and its
   * production install leaves what is already in node_modules, so it starts from none.
   */
  prune: string;
  /** What a Node image needs before this package manager runs, if anything. */
  setup: string | undefined;
  /**
   * package.json's `packageManager`, for the managers corepack provides: it pins the release that
   * `corepack enable` runs, so the Docker build and CI run the release the commands here are for
   * (yarn's --immutable and `workspaces focus` are yarn 4's, not yarn 1's). pnpm 10: pnpm 11 needs
   * Node 22, and pnpm 12's frozen install refuses the lock file its own install wrote (both seen in
   * test/package/package-manager-tools.test.ts).
   */
  corepackPin: string | undefined;
}

export const PACKAGE_MANAGER_COMMANDS: Record<PackageManager, PackageManagerCommands> = {
  npm: {
    name: "npm",
    installFrozen: "npm ci",
    install: "npm install",
    run: "npm run",
    exec: "npx",
    lockFile: "package-lock.json",
    prune: "npm prune --omit=dev",
    setup: undefined,
    corepackPin: undefined,
  },
  pnpm: {
    name: "pnpm",
    installFrozen: "pnpm install --frozen-lockfile",
    install: "pnpm install",
    run: "pnpm run",
    exec: "pnpm exec",
    lockFile: "pnpm-lock.yaml",
    prune: "pnpm prune --prod",
    setup: "corepack enable",
    corepackPin: "pnpm@10.34.8",
  },
  yarn: {
    name: "yarn",
    installFrozen: "yarn install --immutable",
    install: "yarn install",
    run: "yarn run",
    exec: "yarn exec",
    lockFile: "yarn.lock",
    prune: "yarn workspaces focus --production --all",
    setup: "corepack enable",
    corepackPin: "yarn@4.18.1",
  },
  bun: {
    name: "bun",
    installFrozen: "bun install --frozen-lockfile",
    install: "bun install",
    run: "bun run",
    exec: "bunx",
    lockFile: "bun.lock",
    prune: "rm -rf node_modules && bun install --production --frozen-lockfile",
    setup: "npm install --global bun@1",
    corepackPin: undefined,
  },
};
