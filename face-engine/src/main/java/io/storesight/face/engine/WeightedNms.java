package io.storesight.face.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * MediaPipe's WEIGHTED non-maximum suppression: the best remaining detection and every other one overlapping it
 * by more than the IoU threshold form a cluster whose boxes and keypoints are averaged, weighted by score; the
 * cluster keeps the best score. Averaging steadies boxes that single anchors place a few pixels apart.
 */
final class WeightedNms {

    private WeightedNms() {}

    static List<BlazeFace.Detection> apply(List<BlazeFace.Detection> detections, float iouThreshold) {
        List<BlazeFace.Detection> remaining = new ArrayList<>(detections);
        remaining.sort(Comparator.comparingDouble(BlazeFace.Detection::score).reversed());
        List<BlazeFace.Detection> result = new ArrayList<>();
        while (!remaining.isEmpty()) {
            BlazeFace.Detection top = remaining.get(0);
            List<BlazeFace.Detection> cluster = new ArrayList<>();
            List<BlazeFace.Detection> rest = new ArrayList<>();
            for (BlazeFace.Detection d : remaining) {
                if (d == top || top.box().iou(d.box()) > iouThreshold) {
                    cluster.add(d);
                } else {
                    rest.add(d);
                }
            }
            result.add(average(cluster, top.score()));
            remaining = rest;
        }
        return result;
    }

    private static BlazeFace.Detection average(List<BlazeFace.Detection> cluster, float score) {
        if (cluster.size() == 1) {
            return cluster.get(0);
        }
        int keypoints = cluster.get(0).keypoints().length;
        double total = 0;
        double x0 = 0;
        double y0 = 0;
        double x1 = 0;
        double y1 = 0;
        double[] kx = new double[keypoints];
        double[] ky = new double[keypoints];
        for (BlazeFace.Detection d : cluster) {
            double s = d.score();
            total += s;
            x0 += s * d.box().x();
            y0 += s * d.box().y();
            x1 += s * d.box().right();
            y1 += s * d.box().bottom();
            for (int k = 0; k < keypoints; k++) {
                kx[k] += s * d.keypoints()[k].x();
                ky[k] += s * d.keypoints()[k].y();
            }
        }
        Point2[] points = new Point2[keypoints];
        for (int k = 0; k < keypoints; k++) {
            points[k] = new Point2((float) (kx[k] / total), (float) (ky[k] / total));
        }
        Box box = new Box(
                (float) (x0 / total), (float) (y0 / total), (float) ((x1 - x0) / total), (float) ((y1 - y0) / total));
        return new BlazeFace.Detection(box, score, points);
    }
}
