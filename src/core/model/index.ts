/**
 * A parsed file's blocks with their SKU and plan words resolved against the catalog, and no
 * findings: `rules` judges this model, `plan` builds what each user wants from it.
 * Depends only on `format` and `catalog`.
 */
export { buildBlockModel, enabledPlans, firstLineOf, skuUses, type BlockModel } from './block-model';
export { SkuResolver, type SkuUse } from './sku-use';
