package io.storesight.identity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which faces become a customer's templates. A wrong template poisons every later match, so only faces of tracks
 * recognised beyond doubt (or the track that created the customer) qualify, and of those only good faces that are
 * themselves unambiguous. A customer keeps several templates that differ from each other (other days, other looks),
 * the best ones: a new look is added while there is room, and replaces the lowest-quality template when full.
 */
public final class TemplatePolicy {

    /**
     * @param maxPerCustomer how many templates a customer keeps
     * @param minDiversity   a new template must be at least this far from each of the customer's others
     * @param minQuality     only faces of at least this quality become templates
     */
    public record Settings(int maxPerCustomer, double minDiversity, double minQuality) {}

    /** Add {@code face}, taking the place of {@code replaced} (null when there is room). */
    public record Change(Observation face, Template replaced) {}

    private final Settings settings;

    public TemplatePolicy(Settings settings) {
        this.settings = settings;
    }

    /** A new customer's first templates: the best faces of the track that differ from each other. */
    public List<Observation> initial(List<Observation> faces) {
        List<Observation> picked = new ArrayList<>();
        for (Observation face : faces.stream()
                .sorted(Comparator.comparingDouble(Observation::quality).reversed())
                .toList()) {
            if (picked.size() == settings.maxPerCustomer()) {
                break;
            }
            if (picked.isEmpty()
                    || picked.stream()
                            .allMatch(p -> Descriptors.distance(p.descriptor(), face.descriptor())
                                    >= settings.minDiversity())) {
                picked.add(face);
            }
        }
        return picked;
    }

    /**
     * One more face of a customer's strongly recognised track.
     *
     * @param ownDistance   the face's distance to this customer's nearest template
     * @param otherDistance the face's distance to the nearest template of any other customer
     * @param accept        how close a face must be to be its customer's ({@code TrackDecider}'s accept distance)
     * @param margin        how much closer than anyone else
     */
    public Optional<Change> consider(
            List<Template> current,
            Observation face,
            double ownDistance,
            double otherDistance,
            double accept,
            double margin) {
        boolean unambiguous = ownDistance <= accept && otherDistance - ownDistance >= margin;
        if (!unambiguous || face.quality() < settings.minQuality()) {
            return Optional.empty();
        }
        boolean newLook = current.stream()
                .allMatch(t -> Descriptors.distance(t.descriptor(), face.descriptor()) >= settings.minDiversity());
        if (!newLook) {
            return Optional.empty();
        }
        if (current.size() < settings.maxPerCustomer()) {
            return Optional.of(new Change(face, null));
        }
        Template worst = current.stream()
                .min(Comparator.comparingDouble(Template::quality))
                .orElseThrow();
        return face.quality() > worst.quality() ? Optional.of(new Change(face, worst)) : Optional.empty();
    }

    /** Which of a customer's templates to keep after a merge brought two sets together: the best diverse ones. */
    public List<Template> prune(List<Template> templates) {
        List<Template> kept = new ArrayList<>();
        for (Template t : templates.stream()
                .sorted(Comparator.comparingDouble(Template::quality).reversed())
                .toList()) {
            if (kept.size() < settings.maxPerCustomer()
                    && (kept.isEmpty()
                            || kept.stream()
                                    .allMatch(k -> Descriptors.distance(k.descriptor(), t.descriptor())
                                            >= settings.minDiversity()))) {
                kept.add(t);
            }
        }
        return kept;
    }
}
