package dev.easel.server.models;

import java.util.List;

/** A {@code PATCH} of a model: absent (null) fields keep their value. */
record ModelEdit(
        String name,
        String description,
        String type,
        String baseModel,
        List<String> tags,
        Boolean allowCommercialUse,
        Boolean allowDerivatives) {

    ModelRow applyTo(ModelRow model, java.time.Instant now) {
        return new ModelRow(
                model.id(),
                model.ownerId(),
                model.ownerName(),
                name == null ? model.name() : ModelFields.name(name, "name"),
                model.slug(),
                description == null ? model.description() : ModelFields.description(description),
                type == null ? model.type() : ModelType.parse(type, "type"),
                baseModel == null ? model.baseModel() : BaseModel.parse(baseModel, "baseModel"),
                allowCommercialUse == null ? model.allowCommercialUse() : allowCommercialUse,
                allowDerivatives == null ? model.allowDerivatives() : allowDerivatives,
                model.hidden(),
                model.createdAt(),
                now,
                model.publishedMs(),
                model.likeCount(),
                model.downloadCount(),
                model.reviewCount(),
                model.ratingMilli(),
                tags == null ? model.tags() : ModelFields.tags(tags));
    }
}
