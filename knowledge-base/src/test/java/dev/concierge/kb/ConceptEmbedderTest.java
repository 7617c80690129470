package dev.concierge.kb;

class ConceptEmbedderTest implements TextEmbedderContract {
    @Override
    public TextEmbedder embedder() {
        return new ConceptEmbedder();
    }
}
