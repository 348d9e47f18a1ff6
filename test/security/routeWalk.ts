import type { FastifyInstance } from 'fastify';

export interface RegisteredRoute {
  path: string;
  methods: string[];
}

/**
 * Every route the app registered, read from Fastify's route tree (`printRoutes`): each line is
 * one node, indented four characters per level, its path the parent's path plus the segment.
 */
export function registeredRoutes(app: FastifyInstance): RegisteredRoute[] {
  const stack: string[] = [];
  const routes: RegisteredRoute[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    stack.push(match[2]!);
    if (match[3]) routes.push({ path: stack.join(''), methods: match[3].split(', ') });
  }
  return routes;
}

const PARAM_SAMPLES: Record<string, string> = { id: '1', revisionId: '1', token: 'no-such-token', name: 'posts-2026-11', n: '1' };

/** A URL that reaches `path`: parameters filled with samples, a wildcard with a path nothing has. */
export function concreteUrl(path: string): string {
  return path.replace(/:(\w+)/g, (_, name: string) => PARAM_SAMPLES[name] ?? 'x').replace(/\*$/, 'nothing-here/');
}
