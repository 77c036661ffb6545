package io.switchboard.crm.tenant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.crm.CrmConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class TenantSettingsRepository {

    private final Pool pool;
    private final CrmConfig config;

    public TenantSettingsRepository(Pool pool, CrmConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** The tenant's settings, or the configured defaults when it has set none. */
    public Uni<TenantSettings> find(String tenantId) {
        return pool.preparedQuery("SELECT default_region, time_zone FROM tenant_settings WHERE tenant_id = $1")
                .execute(Tuple.of(tenantId)).map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return defaults(tenantId);
                    }
                    Row row = rows.iterator().next();
                    return new TenantSettings(tenantId, row.getString("default_region"), row.getString("time_zone"));
                });
    }

    public TenantSettings defaults(String tenantId) {
        return new TenantSettings(tenantId, config.tenants().defaultRegion(), config.tenants().defaultTimeZone());
    }

    public Uni<TenantSettings> save(TenantSettings settings) {
        return pool
                .preparedQuery("INSERT INTO tenant_settings (tenant_id, default_region, time_zone) VALUES ($1, $2, $3)"
                        + " ON CONFLICT (tenant_id) DO UPDATE SET default_region = EXCLUDED.default_region,"
                        + " time_zone = EXCLUDED.time_zone, updated_at = now()")
                .execute(Tuple.of(settings.tenantId(), settings.defaultRegion(), settings.timeZone()))
                .replaceWith(settings);
    }
}
