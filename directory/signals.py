from directory import taxonomy


def ensure_taxonomy_terms(sender, **kwargs):
    """Every facet term in ``directory.taxonomy`` exists as an HSDS taxonomy term row.

    Runs after migrate and after flush, so a fresh or emptied database always has them.
    """
    from directory.models import TaxonomyTerm

    existing = set(TaxonomyTerm.objects.values_list("taxonomy", "code"))
    TaxonomyTerm.objects.bulk_create(
        TaxonomyTerm(taxonomy=facet.code, code=term.code, name=str(term.name))
        for facet in taxonomy.FACETS
        for term in facet.terms
        if (facet.code, term.code) not in existing
    )
