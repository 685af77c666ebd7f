from sr_tui.cli import main

raise SystemExit(main())
