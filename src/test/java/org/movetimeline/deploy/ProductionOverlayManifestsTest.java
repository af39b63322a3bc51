package org.movetimeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.movetimeline.deploy.Manifests.Doc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.movetimeline.deploy.Manifests.PRODUCTION;
import static org.movetimeline.deploy.Manifests.RECEIVER;
import static org.movetimeline.deploy.Manifests.ROOT;

/**
 * What only an overlay does: pin the release image and put everything in a namespace. The concerns shared with
 * the base are checked on the rendered overlay by the other *ManifestsTest classes.
 */
class ProductionOverlayManifestsTest {

    private static final Path OVERLAYS = Manifests.K8S.resolve("overlays");
    private static final Path PRODUCTION_KUSTOMIZATION = ROOT.resolve(PRODUCTION).resolve("kustomization.yaml");

    @Test
    void overlayImagesEntryRetagsTheBaseImage() throws IOException {
        String baseImage = imageName(Manifests.of(Manifests.BASE).one("Deployment", RECEIVER).container().path("image").asText());
        List<Path> overlays = Manifests.kustomizationsUnder(OVERLAYS);
        assertFalse(overlays.isEmpty(), "no overlay kustomization.yaml under k8s/overlays");
        assertTrue(overlays.contains(PRODUCTION_KUSTOMIZATION), PRODUCTION + "/kustomization.yaml is missing");
        for (Path k : overlays) {
            JsonNode images = Manifests.readSingle(k).path("images");
            if (k.equals(PRODUCTION_KUSTOMIZATION)) {
                assertTrue(images.isArray() && images.size() > 0, ROOT.relativize(k) + " has no images: entry to pin the release");
            }
            for (JsonNode image : images) {
                String where = ROOT.relativize(k) + " images entry '" + image.path("name").asText() + "'";
                assertEquals(baseImage, image.path("name").asText(),
                        where + " does not match the image name of the base Deployments ('" + baseImage
                                + "'), so kustomize would leave the image untagged");
                boolean digest = image.hasNonNull("digest");
                String tag = image.path("newTag").asText("");
                assertTrue(digest || !tag.isBlank(), where + " sets neither newTag nor digest");
                assertFalse(!digest && tag.equals("latest"), where + " uses the tag 'latest': pods could run different builds");
            }
        }
    }

    @Test
    void productionRunsTheOverlaysImageWithATag() {
        Manifests prod = Manifests.of(PRODUCTION);
        String image = prod.one("Deployment", RECEIVER).container().path("image").asText();
        JsonNode images = Manifests.readSingle(PRODUCTION_KUSTOMIZATION).path("images");
        String expectedName = images.path(0).path("newName").asText(imageName(image));
        assertTrue(image.startsWith(expectedName + ":") || image.startsWith(expectedName + "@"),
                prod.origin() + ": Deployment image '" + image + "' is not the overlay's '" + expectedName + "' with a tag");
    }

    @Test
    void everyNamespacedResourceOfProductionHasANamespace() {
        Manifests prod = Manifests.of(PRODUCTION);
        for (Doc d : prod.docs()) {
            boolean clusterScoped = d.kind().equals("Namespace");
            assertTrue(clusterScoped || d.node().path("metadata").hasNonNull("namespace"),
                    prod.origin() + ": " + d.where() + " has no namespace");
        }
    }

    /** The image without its tag or digest. */
    private static String imageName(String image) {
        String noDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = noDigest.lastIndexOf(':');
        return colon > noDigest.lastIndexOf('/') ? noDigest.substring(0, colon) : noDigest;
    }
}
