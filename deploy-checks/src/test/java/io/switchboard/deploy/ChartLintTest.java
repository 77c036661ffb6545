package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code helm lint --strict}, and the values the chart must refuse. */
class ChartLintTest {

    @ParameterizedTest
    @EnumSource(Chart.Values.class)
    void shouldLintStrictly(Chart.Values values) {
        List<String> command = new ArrayList<>(List.of(Tools.helm().toString(), "lint", "--strict",
                Tools.CHART.toString(), "--namespace", Chart.NAMESPACE));
        command.addAll(values.args);
        Tools.Result result = Tools.run(command);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("1 chart(s) linted, 0 chart(s) failed").doesNotContain("[WARNING]");
    }

    @Test
    void shouldRefuseAnUnknownValue() {
        assertRefused(List.of("--set", "callback.replicas=3"), "additional properties 'replicas' not allowed");
    }

    @Test
    void shouldRefuseAutoscalingOnAServiceThatIsNotDiallerFacing() {
        assertRefused(List.of("--set", "campaign.autoscaling.enabled=true"),
                "additional properties 'autoscaling' not allowed");
    }

    @Test
    void shouldRefuseAnEnvironmentValueThatIsNotAString() {
        assertRefused(List.of("--set", "extraEnv[0].name=A,extraEnv[0].value=1"), "/extraEnv/0/value");
    }

    @Test
    void shouldRefuseAKafkaProtocolKafkaDoesNotKnow() {
        assertRefused(List.of("--set", "kafka.securityProtocol=TLS"), "/kafka/securityProtocol");
    }

    @Test
    void shouldRefuseSaslWithoutItsSecret() {
        assertRefused(List.of("--set", "kafka.securityProtocol=SASL_SSL"), "kafka.sasl.existingSecret");
    }

    @Test
    void shouldRefuseJwtWithoutAKey() {
        assertRefused(List.of("--set", "jwt.publicKey.existingSecret="), "jwt.jwksUrl");
    }

    @Test
    void shouldRefuseSeveralCrmReplicasOnAReadWriteOnceVolume() {
        assertRefused(List.of("--set", "crm.replicaCount=3"), "ReadWriteMany");
    }

    @Test
    void shouldRefuseS3WithoutABucket() {
        assertRefused(List.of("--set", "crm.media.storage=s3"), "crm.media.s3.bucket");
    }

    private static void assertRefused(List<String> args, String reason) {
        Tools.Result result = Chart.template(args);
        assertThat(result.exitCode()).as("helm template %s should fail", args).isNotZero();
        assertThat(result.output()).contains(reason);
    }
}
