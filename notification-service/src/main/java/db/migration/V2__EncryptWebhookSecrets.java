package db.migration;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import io.switchboard.notification.webhook.WebhookSecrets;

/**
 * Webhook signing secrets were stored in clear until this version: encrypt every such row with the configured key
 * (AES-GCM, {@link WebhookSecrets}), in the migration's transaction. A Java migration because the key is configuration,
 * not SQL. Rows already encrypted ({@code v1:}) are left alone.
 */
public class V2__EncryptWebhookSecrets extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        SecretKeySpec key = WebhookSecrets.key(ConfigProvider.getConfig()
                .getOptionalValue("switchboard.notification.webhooks.encryption-key", String.class).orElse(null));
        Map<UUID, String> inClear = new LinkedHashMap<>();
        try (Statement select = context.getConnection().createStatement();
                ResultSet rows = select.executeQuery("SELECT id, secret FROM webhook WHERE secret NOT LIKE 'v1:%'")) {
            while (rows.next()) {
                inClear.put(rows.getObject("id", UUID.class), rows.getString("secret"));
            }
        }
        try (PreparedStatement update = context.getConnection()
                .prepareStatement("UPDATE webhook SET secret = ? WHERE id = ?")) {
            for (Map.Entry<UUID, String> row : inClear.entrySet()) {
                update.setString(1, WebhookSecrets.encrypt(key, row.getKey(), row.getValue()));
                update.setObject(2, row.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
        try (Statement comment = context.getConnection().createStatement()) {
            comment.execute("COMMENT ON COLUMN webhook.secret IS "
                    + "'Signing secret, AES-256-GCM: v1:base64(nonce || ciphertext || tag), AAD = webhook id'");
        }
    }
}
