package io.storesight.contracts;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Checks that a decoded record's required (non-{@link OptionalField}) reference components are present. */
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

    private RequiredFields() {
    }
}
