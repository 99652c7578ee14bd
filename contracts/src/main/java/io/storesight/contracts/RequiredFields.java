package io.storesight.contracts;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks that a decoded record's required (non-{@link OptionalField}) reference components are present, and that its
 * {@link IdField} components (ids, or lists of ids) match {@link Ids#PATTERN}.
 */
public final class RequiredFields {
    private static final Map<Class<?>, List<RecordComponent>> REFERENCES = new ConcurrentHashMap<>();

    /**
     * Throws {@link InvalidEventException} naming the first missing field with its path, e.g.
     * {@code faces[0].box}. Nested records and lists of records are checked too.
     */
    public static void check(Record record) {
        check(record, "");
    }

    private static void check(Record record, String path) {
        for (RecordComponent component : REFERENCES.computeIfAbsent(record.getClass(), RequiredFields::references)) {
            Object value;
            try {
                value = component.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            String name = path + component.getName();
            if (value == null) {
                if (!component.isAnnotationPresent(OptionalField.class)) {
                    throw new InvalidEventException("missing required field '" + name + "' in "
                            + record.getClass().getSimpleName());
                }
            } else if (component.isAnnotationPresent(IdField.class)) {
                checkIds(value, name, record);
            } else if (value instanceof Record nested) {
                check(nested, name + ".");
            } else if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    Object element = list.get(i);
                    if (element == null) {
                        throw new InvalidEventException("null element in '" + name + "'");
                    }
                    if (element instanceof Record nested) {
                        check(nested, name + "[" + i + "].");
                    }
                }
            }
        }
    }

    private static void checkIds(Object value, String name, Record record) {
        for (Object id : value instanceof List<?> list ? list : List.of(value)) {
            if (!(id instanceof String text) || !Ids.valid(text)) {
                throw new InvalidEventException("invalid id " + (id instanceof String text ? Ids.shown(text) : id)
                        + " in '" + name + "' of " + record.getClass().getSimpleName() + ": an id is " + Ids.RULE);
            }
        }
    }

    private static List<RecordComponent> references(Class<?> type) {
        List<RecordComponent> result = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            if (!component.getType().isPrimitive()) {
                component.getAccessor().setAccessible(true);
                result.add(component);
            }
        }
        return List.copyOf(result);
    }

    private RequiredFields() {}
}
