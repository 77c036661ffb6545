package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** deploy/kubernetes/switchboard.yaml, for readers who don't use Helm, is the chart rendered with its defaults. */
class RenderedManifestsTest {

    @Test
    void shouldMatchTheChartRenderedWithItsDefaults() {
        Path manifests = Tools.ROOT.resolve("deploy/kubernetes/switchboard.yaml");
        assertThat(manifests).as("run deploy/kubernetes/render").exists();
        assertThat(Tools.read(manifests))
                .as("deploy/kubernetes/switchboard.yaml is stale: run deploy/kubernetes/render")
                .isEqualTo(Chart.rendered(Chart.Values.DEFAULT));
    }
}
