package io.storesight.face.engine;

public enum Gender {
    MALE,
    FEMALE
}
