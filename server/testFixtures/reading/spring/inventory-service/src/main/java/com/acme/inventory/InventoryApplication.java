package com.acme.inventory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class InventoryApplication {
    public static final int MAX_RESERVATION_MINUTES = 15;

    public static void main(String[] args) {
        SpringApplication.run(InventoryApplication.class, args);
    }
}
