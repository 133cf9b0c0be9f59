"""Campaign stages (阶段推进): mobilise, implement, summarise and commend; per-organisation checklists and the county dashboard."""
