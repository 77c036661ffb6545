package io.switchboard.callback;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.OperationsEndpointsContract;
import io.switchboard.testing.SwitchboardTestResource;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class HealthTest extends OperationsEndpointsContract {
}
