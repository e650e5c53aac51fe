from anjian.cli import main

main()
