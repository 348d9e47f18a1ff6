import type { FastifyInstance } from 'fastify';
import { createSection, deleteSection, listAuthors, listSections, updateSection, type TaxonomyDeps } from '../../operations/taxonomy/manageSections.js';
import { createGuestByline } from '../../operations/taxonomy/createGuestByline.js';
import { createTag, deleteTag, listTags, updateTag } from '../../operations/taxonomy/manageTags.js';
import { bodyOf } from './bodyOf.js';
import type { AdminRouteModule } from './registerAdminApi.js';
import { requireActor } from './requestActor.js';

type IdParams = { Params: { id: string } };

/** Sections and tags (and the author profiles: listed, and guest bylines created) under /admin/api: read by every newsroom role, changed by editors and admins. */
export function taxonomyRoutes(deps: TaxonomyDeps): AdminRouteModule {
  return (scope: FastifyInstance) => {
    scope.get('/authors', async (request) => ({ authors: await listAuthors(deps, requireActor(request)) }));
    // Guest bylines only: staff author profiles come with their user accounts.
    scope.post('/authors', async (request, reply) => reply.code(201).send({ author: await createGuestByline(deps, requireActor(request), bodyOf(request)) }));
    scope.get('/sections', async (request) => ({ sections: await listSections(deps, requireActor(request)) }));
    scope.post('/sections', async (request, reply) => reply.code(201).send({ section: await createSection(deps, requireActor(request), bodyOf(request)) }));
    scope.patch<IdParams>('/sections/:id', async (request) => ({ section: await updateSection(deps, requireActor(request), request.params.id, bodyOf(request)) }));
    scope.delete<IdParams>('/sections/:id', async (request) => deleteSection(deps, requireActor(request), request.params.id));

    scope.get<{ Querystring: Record<string, string | undefined> }>('/tags', async (request) => ({ tags: await listTags(deps, requireActor(request), request.query) }));
    scope.post('/tags', async (request, reply) => reply.code(201).send({ tag: await createTag(deps, requireActor(request), bodyOf(request)) }));
    scope.patch<IdParams>('/tags/:id', async (request) => ({ tag: await updateTag(deps, requireActor(request), request.params.id, bodyOf(request)) }));
    scope.delete<IdParams>('/tags/:id', async (request) => deleteTag(deps, requireActor(request), request.params.id));
  };
}
