package io.storesight.identity.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.common.annotation.Blocking;
import io.storesight.common.rest.ApiException;
import io.storesight.common.rest.IdParams;
import io.storesight.common.security.Role;
import io.storesight.identity.service.CustomerService;
import io.storesight.identity.service.Views.CustomerDetail;
import io.storesight.identity.service.Views.CustomerView;
import io.storesight.identity.service.Views.Page;
import io.storesight.identity.service.Views.SplitView;

@Path("/api/v1/customers")
@RolesAllowed(Role.ADMIN_NAME)
@Blocking
public class CustomerResource {
    /**
     * PATCH body: fields left out stay as they are; an empty label clears it; {@code staff} leaves the customer out of
     * every report; {@code watched} puts the customer on the watch list (an alert when their visit starts, like a
     * VIP's).
     */
    public record CustomerUpdate(String label, Boolean vip, Boolean staff, Boolean watched) {}

    public record MergeRequest(String otherCustomerId) {}

    /** The visits, or sightings (each standing for its visit), that are someone else. */
    public record SplitRequest(List<String> visitIds, List<String> sightingIds) {}

    private final CustomerService customers;

    public CustomerResource(CustomerService customers) {
        this.customers = customers;
    }

    /** {@code q} matches a part of the id or label; {@code vip} and {@code staff} take true or false. */
    @GET
    public Page<CustomerView> list(
            @QueryParam("q") String search,
            @QueryParam("tier") String tier,
            @QueryParam("ageBand") String ageBand,
            @QueryParam("gender") String gender,
            @QueryParam("vip") String vip,
            @QueryParam("staff") String staff,
            @QueryParam("lastSeenFrom") String lastSeenFrom,
            @QueryParam("lastSeenTo") String lastSeenTo,
            @QueryParam("sort") String sort,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        return customers.list(new CustomerService.ListRequest(
                search, tier, ageBand, gender, vip, staff, lastSeenFrom, lastSeenTo, sort, page, size));
    }

    @GET
    @Path("{id}")
    public CustomerDetail detail(@PathParam("id") String id) {
        return customers.detail(IdParams.required("id", id));
    }

    @PATCH
    @Path("{id}")
    public CustomerView update(@PathParam("id") String id, CustomerUpdate update) {
        if (update == null) {
            throw ApiException.badRequest("send a JSON body with label, vip, staff and/or watched");
        }
        return customers.update(
                IdParams.required("id", id), update.label(), update.vip(), update.staff(), update.watched());
    }

    @POST
    @Path("{id}/merge")
    public CustomerView merge(@PathParam("id") String id, MergeRequest request) {
        return customers.merge(
                IdParams.required("id", id),
                request == null ? null : IdParams.optional("otherCustomerId", request.otherCustomerId()));
    }

    /** "Not this person": the named visits become a new customer, with their sightings and templates. */
    @POST
    @Path("{id}/split")
    public SplitView split(@PathParam("id") String id, SplitRequest request) {
        if (request == null) {
            throw ApiException.badRequest("send a JSON body with visitIds and/or sightingIds");
        }
        return customers.split(
                IdParams.required("id", id),
                ids("visitIds", request.visitIds()),
                ids("sightingIds", request.sightingIds()));
    }

    @DELETE
    @Path("{id}")
    public RestResponse<Void> erase(@PathParam("id") String id) {
        customers.eraseOrThrow(IdParams.required("id", id));
        return RestResponse.noContent();
    }

    private static List<String> ids(String field, List<String> ids) {
        if (ids != null) {
            ids.forEach(id -> IdParams.required(field, id));
        }
        return ids;
    }
}
