"""The `entities` table: the entity mentions of the whole corpus, one row per entity."""

from __future__ import annotations

from functools import cache

import polars as pl

from flows.annotate import ActorEntry
from flows.lexicons import load_lexicon


def build_entities(entity_mentions: pl.DataFrame) -> pl.DataFrame:
    """One Entities row per entity id: canonical name, seen and known aliases, mention count.

    The name and type are those of the entity's alphabetically first alias; the country code is
    the first of its non-empty codes; aliases lists, sorted, every alias seen or known for it
    (known ones from the lexicon entry, the role's for a generic role with a country) but the name.
    """
    schema = {
        "entity_id": pl.String,
        "name": pl.String,
        "type": pl.String,
        "aliases": pl.String,
        "country_code": pl.String,
        "n_mentions": pl.Int64,
    }
    if entity_mentions.is_empty():
        return pl.DataFrame(schema=schema)
    entity_id, alias, code, name = (
        pl.col(c) for c in ("entity_id", "alias", "country_code", "name")
    )
    spellings = entity_mentions.group_by("entity_id", "alias").agg(
        name.first(), pl.col("type").first(), code.filter(code != "").min(), pl.len()
    )
    heads = spellings.group_by("entity_id").agg(
        name.sort_by("alias").first(),
        pl.col("type").sort_by("alias").first(),
        code.min(),
        pl.col("len").sum().cast(pl.Int64).alias("n_mentions"),
    )
    base_id = (
        pl.when(entity_id.str.starts_with("generic_"))
        .then(entity_id.str.split("_").list.slice(0, 2).list.join("_"))
        .otherwise(entity_id)
    )
    known = heads.select("entity_id", base_id.alias("base_id")).join(_known_aliases(), on="base_id")
    seen = spellings.filter(alias != "").select("entity_id", "alias")
    aliases = (
        pl.concat([seen, known.select("entity_id", "alias")])
        .join(heads.select("entity_id", "name"), on="entity_id")
        .filter(alias.ne_missing(name))
        .unique(["entity_id", "alias"])
        .sort("entity_id", "alias")
        .group_by("entity_id", maintain_order=True)
        .agg(alias.str.join("|").alias("aliases"))
    )
    return heads.join(aliases, on="entity_id", how="left").select(list(schema)).sort("entity_id")


@cache
def _known_aliases() -> pl.DataFrame:
    """(base_id, alias): the aliases the actors lexicon lists for each of its entries (read once,
    without compiling the matchers: a run that extracts nothing needs only these)."""
    known = {e.id: sorted(set(e.aliases)) for e in load_lexicon("actors", ActorEntry).entries}
    return pl.DataFrame(
        {
            "base_id": [k for k, aliases in known.items() for _ in aliases],
            "alias": [a for aliases in known.values() for a in aliases],
        },
        schema={"base_id": pl.String, "alias": pl.String},
    )
