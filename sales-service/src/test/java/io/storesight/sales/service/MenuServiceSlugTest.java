package io.storesight.sales.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MenuServiceSlugTest {

    @Test
    void idsDerivedFromNamesAreValidIds() {
        assertThat(MenuService.slug("Caffè Latte")).isEqualTo("caffe-latte");
        assertThat(MenuService.slug("  Ham & Cheese Toastie! ")).isEqualTo("ham-cheese-toastie");
        assertThat(MenuService.slug("Crème Brûlée")).isEqualTo("creme-brulee");
        assertThat(MenuService.slug("x".repeat(70) + " tea")).hasSize(64).matches(MenuService.ID);
        assertThat(MenuService.slug("☕")).isEmpty();
    }
}
