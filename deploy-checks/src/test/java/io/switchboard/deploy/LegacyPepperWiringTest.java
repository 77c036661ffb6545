package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The legacy password pepper reaches exactly the services that check legacy company passwords (callback-service and
 * campaign-service, through common's legacy credential check), from one Secret, under the environment variable Quarkus
 * maps to the config key {@code switchboard.legacy.password-pepper}. The two must agree: a credential hashed by one is
 * verified by the other.
 */
class LegacyPepperWiringTest {

    static final String CONFIG_KEY = "switchboard.legacy.password-pepper";

    /** Quarkus' environment-variable form of a property name: upper case, every other character an underscore. */
    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    @Test
    void shouldGiveCallbackAndCampaignTheSamePepperUnderTheVariableOfTheConfigKey() {
        String variable = environmentName(CONFIG_KEY);
        assertThat(variable).isEqualTo("SWITCHBOARD_LEGACY_PASSWORD_PEPPER");
        Map<String, String> secretByService = new TreeMap<>();
        Chart.ofKind(Chart.Values.EVERYTHING_ON, "Deployment").forEach(deployment -> deployment.path("spec")
                .path("template").path("spec").path("containers").forEach(c -> c.path("env").forEach(env -> {
                    if (env.path("name").asText().equals(variable)) {
                        JsonNode ref = env.path("valueFrom").path("secretKeyRef");
                        secretByService.put(Chart.serviceOf(deployment),
                                ref.path("name").asText() + "/" + ref.path("key").asText());
                    }
                })));
        assertThat(secretByService).containsOnlyKeys("callback", "campaign");
        assertThat(secretByService.values()).containsOnly("legacy-pepper/pepper");

        Chart.ofKind(Chart.Values.DEFAULT, "Deployment")
                .forEach(deployment -> deployment.path("spec").path("template").path("spec").path("containers")
                        .forEach(c -> c.path("env").forEach(env -> assertThat(env.path("name").asText())
                                .as("no pepper unless a Secret is named").isNotEqualTo(variable))));
        assertThat(Tools.read(Tools.ROOT.resolve("docs/kubernetes.md"))).contains(variable, CONFIG_KEY);
    }
}
