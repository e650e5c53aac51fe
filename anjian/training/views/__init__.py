"""Pages of the training (教育培训) and publicity (宣传活动) ledgers."""
