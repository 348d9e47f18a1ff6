import type { FastifyInstance } from 'fastify';
import { listAuditLog } from '../../operations/audit/listAuditLog.js';
import { getSiteBasics, getSiteSettings, updateSiteSettings, type SiteSettingsDeps } from '../../operations/site/manageSiteSettings.js';
import { bodyOf } from './bodyOf.js';
import type { AdminRouteModule } from './registerAdminApi.js';
import { requireActor } from './requestActor.js';

/** Site settings (GET/PATCH /settings) and the audit log (GET /audit), for admins; the site's basics (GET /site) for every role. */
export function settingsRoutes(deps: SiteSettingsDeps): AdminRouteModule {
  return (scope: FastifyInstance) => {
    scope.get('/site', async (request) => ({ site: await getSiteBasics(deps, requireActor(request)) }));
    scope.get('/settings', async (request) => getSiteSettings(deps, requireActor(request)));
    scope.patch('/settings', async (request) => updateSiteSettings(deps, requireActor(request), bodyOf(request)));
    scope.get<{ Querystring: Record<string, string | undefined> }>('/audit', async (request) => listAuditLog(deps, requireActor(request), request.query));
  };
}
