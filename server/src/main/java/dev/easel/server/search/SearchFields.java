package dev.easel.server.search;

/** Field names of the Lucene documents. */
final class SearchFields {
    /** {@code kind:id}, unique: what updates and deletes replace, and the last sort key. */
    static final String KEY = "key";

    static final String KIND = "kind";
    static final String ID = "id";
    static final String TITLE = "title";
    /** The title again, analyzed without stemming, for prefix suggestions. */
    static final String TITLE_WORDS = "title_words";

    static final String TEXT = "text";
    /** Tags as searchable text. */
    static final String TAGS = "tags";
    /** Each tag lower-cased as one term: the exact filter, and tag suggestions. */
    static final String TAG = "tag";

    static final String TYPE = "type";
    static final String BASE_MODEL = "base_model";
    static final String NSFW = "nsfw";
    static final String LIKES = "likes";
    static final String DOWNLOADS = "downloads";
    static final String CREATED = "created";

    static final float TITLE_BOOST = 3f;
    static final float TAGS_BOOST = 2f;

    private SearchFields() {}
}
