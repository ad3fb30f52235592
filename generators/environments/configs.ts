/**
 * An app's fly config for each environment: `fly.staging.toml` beside `fly.toml`, rendered from the
 * same template with the environment's own view. A file per environment rather than flags on one
 * file, because no `fly deploy` flag sets what differs (min_machines_running, the [env] values, the
 * VM sizes of the process groups, primary_region), and a file can be read and diffed. A pull
 * request's preview deploys with `fly.preview.toml`, its app given by `--app`.
 */
import type { GeneratorOutput } from "../component.js";
import type { View } from "../view.js";
import { PREVIEW_CONFIG, PRODUCTION } from "./options.js";

/** `fly.toml` → `fly.staging.toml`, `redis/fly.toml` → `redis/fly.staging.toml`. */
export function environmentPath(dest: string, environment: string): string {
  return dest.replace(/\.toml$/, `.${environment}.toml`);
}

/** The fly config an environment deploys an app with: production's own, or its copy. */
export function configOf(dest: string, environment: string): string {
  return environment === PRODUCTION ? dest : environmentPath(dest, environment);
}

/** The config of which `path` is an environment's copy, if it is named like one: regenerate's bound on paths. */
export function copyOf(path: string): string | undefined {
  const match = /^(.+)\.[a-z](?:-?[a-z0-9])*\.toml$/.exec(path);
  return match ? `${match[1]}.toml` : undefined;
}

/** Writes `dest` for production and its copy for each other environment, `viewOf` adding what the template reads. */
export function writeConfigs(
  out: GeneratorOutput,
  dest: string,
  viewOf: (view: View) => object = (view) => view,
): void {
  out.file(dest, { view: viewOf(out.view) });
  for (const { name, view } of out.view.environmentViews) {
    out.file(environmentPath(dest, name), { template: dest, view: viewOf(view) });
  }
  const preview = out.view.previewView;
  if (preview) out.file(environmentPath(dest, PREVIEW_CONFIG), { template: dest, view: viewOf(preview) });
}
