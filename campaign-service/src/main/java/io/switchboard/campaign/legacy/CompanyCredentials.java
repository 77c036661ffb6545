package io.switchboard.campaign.legacy;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.campaign.readmodel.VerifiedCredentials;
import io.switchboard.common.logging.LogContext;

/**
 * Checks the company + password of the legacy methods against the read model of callback-service's legacy credentials
 * (callback-service owns them and announces only their PBKDF2 hashes), through {@link VerifiedCredentials}' cache of
 * successful checks.
 */
@ApplicationScoped
public class CompanyCredentials {

    private final VerifiedCredentials verified;

    public CompanyCredentials(VerifiedCredentials verified) {
        this.verified = verified;
    }

    /** @return true when the company has a credential and the password matches it */
    public Uni<Boolean> verify(String company, String password) {
        if (company == null || password == null) {
            return Uni.createFrom().item(false);
        }
        // The company a legacy call names is its tenant, verified or not: what an operator follows in the logs.
        LogContext.tenant(company);
        return verified.verify(company, password);
    }
}
