package dev.easel.server.models;

import java.util.List;
import org.springframework.util.MultiValueMap;

/**
 * The model-level fields of an upload, checked.
 *
 * @param allowCommercialUse whether others may use it or its images commercially (default false)
 * @param allowDerivatives whether others may share merges or fine-tunes of it (default true)
 */
record ModelForm(
        String name,
        String description,
        ModelType type,
        BaseModel baseModel,
        List<String> tags,
        boolean allowCommercialUse,
        boolean allowDerivatives) {

    static ModelForm parse(MultiValueMap<String, String> form) {
        return new ModelForm(
                ModelFields.name(form.getFirst("name"), "name"),
                ModelFields.description(form.getFirst("description")),
                ModelType.parse(form.getFirst("type"), "type"),
                BaseModel.parse(form.getFirst("baseModel"), "baseModel"),
                ModelFields.tags(form.get("tags")),
                ModelFields.bool(form.getFirst("allowCommercialUse"), "allowCommercialUse", false),
                ModelFields.bool(form.getFirst("allowDerivatives"), "allowDerivatives", true));
    }
}
