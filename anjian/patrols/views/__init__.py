"""Pages of the field patrols: traffic persuasion (交通劝导) and forest fire prevention (森林防火)."""
