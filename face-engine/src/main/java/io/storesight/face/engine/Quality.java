package io.storesight.face.engine;

/**
 * How usable a face is for identity matching.
 *
 * @param score     overall 0..1 (product of the size, sharpness and pose factors)
 * @param faceSize  smaller side of the detected face box in pixels
 * @param sharpness variance of the Laplacian of the aligned 150×150 grey crop
 * @param yaw       estimated head yaw in degrees (0 = frontal; sign: positive = face turned to the image's right)
 * @param roll      in-plane rotation of the eye line in degrees
 */
public record Quality(float score, float faceSize, float sharpness, float yaw, float roll) {}
