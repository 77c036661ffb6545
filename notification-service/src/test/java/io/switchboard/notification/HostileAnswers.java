package io.switchboard.notification;

import java.util.ArrayList;
import java.util.List;

import io.restassured.response.Response;

/** What the hostile-input tests found wrong, collected so that one run reports every bad answer at once. */
public final class HostileAnswers {

    private final List<String> failures = new ArrayList<>();

    /** A refusal must be a 4xx problem document with a type. */
    public void refused(String what, Response r) {
        String type = r.contentType().startsWith("application/problem+json") ? r.jsonPath().getString("type") : null;
        if (r.statusCode() < 400 || r.statusCode() >= 500 || type == null) {
            failures.add(what + " -> " + r.statusCode() + " " + r.contentType() + " " + shortly(r));
        }
    }

    /** Whatever the answer, never a 5xx. */
    public void noServerError(String what, Response r) {
        if (r.statusCode() >= 500) {
            failures.add(what + " -> " + r.statusCode() + " " + shortly(r));
        }
    }

    public List<String> failures() {
        return failures;
    }

    private static String shortly(Response r) {
        String body = r.asString();
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
