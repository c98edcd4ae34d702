"""The bilingual edition generator: sources and annotations to TEI, TEI to an MkDocs site."""
