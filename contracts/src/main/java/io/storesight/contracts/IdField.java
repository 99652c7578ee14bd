package io.storesight.contracts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an event component holding an id (or a list of ids): when present, it must match {@link Ids#PATTERN}. The
 * codec rejects an event whose id does not, and the JSON schema states the pattern; one annotation drives both.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface IdField {}
