package io.storesight.sales;

import static io.restassured.RestAssured.given;
import static io.storesight.testsupport.Db.count;

import javax.sql.DataSource;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.storesight.testsupport.TestLogins;

/** Shared helpers: admin login, JSON requests, row counts read straight from the service's SQLite file. */
final class Fixtures {
    static final String ADMIN_USER = TestLogins.ADMIN_USER;
    static final String ADMIN_PASSWORD = TestLogins.ADMIN_PASSWORD;
    static final String STAFF_USER = TestLogins.STAFF_USER;
    static final String STAFF_PASSWORD = TestLogins.STAFF_PASSWORD;

    static RequestSpecification admin() {
        return given().auth().preemptive().basic(ADMIN_USER, ADMIN_PASSWORD);
    }

    static RequestSpecification staff() {
        return given().auth().preemptive().basic(STAFF_USER, STAFF_PASSWORD);
    }

    /** A JSON request as the order page sends it: with the staff login. */
    static RequestSpecification json() {
        return staff().contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    static String order(String... itemAndQuantity) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < itemAndQuantity.length; i += 2) {
            if (i > 0) {
                items.append(',');
            }
            items.append("{\"menuItemId\":\"")
                    .append(itemAndQuantity[i])
                    .append("\",\"quantity\":")
                    .append(itemAndQuantity[i + 1])
                    .append('}');
        }
        return "{\"storeId\":\"store-1\",\"counterId\":\"counter-1\",\"items\":[" + items + "]}";
    }

    /** Rows in every table an order writes: a refused request must not change any of them. */
    static String writes(DataSource dataSource) {
        return count(dataSource, "SELECT COUNT(*) FROM orders") + "/"
                + count(dataSource, "SELECT COUNT(*) FROM order_items") + "/"
                + count(dataSource, "SELECT COUNT(*) FROM outbox");
    }

    private Fixtures() {}
}
