package io.storesight.identity.service;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.storesight.contracts.EventJson;
import io.storesight.identity.Alert;
import io.storesight.identity.Customer;
import io.storesight.identity.Visit;
import io.storesight.identity.config.IdentityConfig;
import io.storesight.identity.persistence.AlertRepository;
import io.storesight.identity.persistence.CustomerRepository;

/**
 * Raises an arrival alert inside the transaction that starts a VIP's or watched customer's visit (so a rolled-back
 * visit never alerts, and a committed one always does); {@link AlertDispatcher} sends it after the commit. The
 * observation path only writes a row.
 */
@ApplicationScoped
public class AlertService {
    private final AlertRepository alerts;
    private final CustomerRepository customers;
    private final boolean webhook;

    public AlertService(AlertRepository alerts, CustomerRepository customers, IdentityConfig config) {
        this.alerts = alerts;
        this.customers = customers;
        this.webhook = config.alerts().webhookUrl().isPresent();
    }

    /** Must run inside the transaction that started {@code visit}. */
    public void visitStarted(Customer c, Visit visit, String camera) {
        Alert alert = Alert.ofVisitStart(c, customers.watched(c.id()), visit, camera);
        if (alert != null) {
            // Without a webhook there is nothing to deliver: the row only feeds the stream.
            alerts.insert(alert.id(), c.id(), json(alert), System.currentTimeMillis(), !webhook);
        }
    }

    /** Erasure: the customer's alerts, delivered or not, go. */
    public void forget(String customerId) {
        alerts.deleteOfCustomer(customerId);
    }

    static String json(Alert alert) {
        try {
            return EventJson.mapper().writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
