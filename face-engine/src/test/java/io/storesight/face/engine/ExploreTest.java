package io.storesight.face.engine;

import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

class ExploreTest {
    @Test
    void explore() {
        FacePipeline p = Samples.pipeline();
        StringBuilder json = new StringBuilder("{\n");
        for (int i = 1; i <= 6; i++) {
            byte[] bytes = Samples.sampleBytes(i);
            FaceAnalysis a = p.analyze(bytes);
            System.out.println("sample" + i + " " + a.width() + "x" + a.height() + " faces=" + a.faces().size() + " " + a.timings());
            Mat img = Samples.decode(bytes);
            json.append("  \"sample" + i + ".jpg\": [");
            for (int k = 0; k < a.faces().size(); k++) { Box b = a.faces().get(k).box(); json.append(String.format(java.util.Locale.ROOT, "%s[%.0f, %.0f, %.0f, %.0f]", k == 0 ? "" : ", ", b.x(), b.y(), b.width(), b.height())); }
            json.append(i < 6 ? "],\n" : "]\n");
            for (DetectedFace f : a.faces()) {
                Box b = f.box();
                System.out.printf("  box %.1f %.1f %.1f %.1f s=%.3f age=%.1f %s %.3f q=%s%n", b.x(), b.y(), b.width(), b.height(), f.score(), f.age(), f.gender(), f.genderConfidence(), f.quality());
                Imgproc.rectangle(img, new Point(b.x(), b.y()), new Point(b.right(), b.bottom()), new Scalar(0, 255, 0), 3);
                for (Point2 k : f.landmarks()) Imgproc.circle(img, new Point(k.x(), k.y()), 2, new Scalar(0, 0, 255), -1);
                for (Point2 k : f.keypoints()) Imgproc.circle(img, new Point(k.x(), k.y()), 4, new Scalar(255, 0, 0), -1);
                Rect dr = Alignment.descriptorCrop(f.landmarks(), a.width(), a.height());
                Imgproc.rectangle(img, dr.tl(), dr.br(), new Scalar(255, 255, 0), 2);
            }
            if (i == 6) { json.append("}\n"); try { java.nio.file.Files.writeString(java.nio.file.Path.of("target/expected-faces.json"), json); } catch (Exception e) { throw new RuntimeException(e); } }
            Mat small = new Mat(); Imgproc.resize(img, small, new org.opencv.core.Size(img.cols() / 2, img.rows() / 2), 0, 0, Imgproc.INTER_AREA); Imgcodecs.imwrite("target/explore-sample" + i + ".png", small);
        }
    }
}
