package io.storesight.face.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a TF.js {@code *-weights_manifest.json} and its {@code .bin} shards: tensors laid end to end in manifest
 * order, float32/int32 little-endian or quantized (one scale and min per tensor).
 */
final class TfjsWeights {

    record Tensor(String name, int[] shape, float[] values) {
        int size() {
            return values.length;
        }
    }

    private final Map<String, Tensor> tensors;

    private TfjsWeights(Map<String, Tensor> tensors) {
        this.tensors = tensors;
    }

    static TfjsWeights load(Path modelDir, String modelName) {
        Path manifestFile = modelDir.resolve(modelName + "-weights_manifest.json");
        try {
            JsonNode manifest = new ObjectMapper().readTree(manifestFile.toFile());
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (JsonNode group : manifest) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                for (JsonNode shard : group.get("paths")) {
                    bytes.write(Files.readAllBytes(modelDir.resolve(shard.asText())));
                }
                ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
                for (JsonNode weight : group.get("weights")) {
                    Tensor tensor = readTensor(weight, buffer);
                    tensors.put(tensor.name(), tensor);
                }
                if (buffer.hasRemaining()) {
                    throw new IllegalStateException(modelName + ": " + buffer.remaining()
                            + " bytes left after the last tensor of the manifest; the weight files do not match");
                }
            }
            return new TfjsWeights(tensors);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + manifestFile + " (run models/fetch)", e);
        }
    }

    private static Tensor readTensor(JsonNode weight, ByteBuffer buffer) {
        String name = weight.get("name").asText();
        JsonNode shapeNode = weight.get("shape");
        int[] shape = new int[shapeNode.size()];
        int count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asInt();
            count *= shape[i];
        }
        float[] values = new float[count];
        JsonNode quantization = weight.get("quantization");
        if (buffer.remaining() < (long) count * bytesPerValue(weight, quantization)) {
            throw new IllegalStateException("weight file too short for tensor " + name);
        }
        if (quantization != null) {
            String qtype = quantization.get("dtype").asText();
            double scale = quantization.get("scale").asDouble();
            double min = quantization.get("min").asDouble();
            for (int i = 0; i < count; i++) {
                int q = switch (qtype) {
                    case "uint8" -> buffer.get() & 0xff;
                    case "uint16" -> buffer.getShort() & 0xffff;
                    default -> throw new IllegalStateException("unsupported quantization " + qtype + " of " + name);
                };
                values[i] = (float) (q * scale + min);
            }
        } else {
            String dtype = weight.get("dtype").asText();
            for (int i = 0; i < count; i++) {
                values[i] = switch (dtype) {
                    case "float32" -> buffer.getFloat();
                    case "int32" -> buffer.getInt();
                    default -> throw new IllegalStateException("unsupported dtype " + dtype + " of " + name);
                };
            }
        }
        return new Tensor(name, shape, values);
    }

    private static int bytesPerValue(JsonNode weight, JsonNode quantization) {
        if (quantization != null) {
            return "uint16".equals(quantization.get("dtype").asText()) ? 2 : 1;
        }
        return 4;
    }

    Tensor get(String name) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalStateException("tensor " + name + " missing from the weight manifest");
        }
        return tensor;
    }

    int tensorCount() {
        return tensors.size();
    }

    long parameterCount() {
        return tensors.values().stream().mapToLong(Tensor::size).sum();
    }
}
