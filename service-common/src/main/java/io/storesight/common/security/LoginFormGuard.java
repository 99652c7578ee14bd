package io.storesight.common.security;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * The login form's POST, made as predictable as every other endpoint. Quarkus's form mechanism fails with a 500 on
 * a body that is not a form and answers an empty 200 when a field is missing; here the first is a 415 and the
 * second goes back to the login page like any failed login.
 */
@ApplicationScoped
public class LoginFormGuard {
    private static final String FORM = "application/x-www-form-urlencoded";

    void install(@Observes Router router) {
        var config = ConfigProvider.getConfig();
        if (!config.getOptionalValue("quarkus.http.auth.form.enabled", Boolean.class)
                .orElse(false)) {
            return;
        }
        String errorPage = config.getOptionalValue("quarkus.http.auth.form.error-page", String.class)
                .orElse("/login.html?error=1");
        router.post(AccountIdentityProvider.FORM_LOGIN_PATH)
                .order(Integer.MIN_VALUE + 2)
                .handler(context -> {
                    String type = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
                    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(FORM)) {
                        context.response()
                                .setStatusCode(415)
                                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                                .end(new JsonObject()
                                        .put("error", "the login form posts " + FORM)
                                        .encode());
                        return;
                    }
                    context.addHeadersEndHandler(headers -> {
                        if (context.response().getStatusCode() == 200) {
                            context.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, errorPage);
                        }
                    });
                    context.next();
                });
    }
}
