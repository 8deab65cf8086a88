from fgd_app.cli import main

raise SystemExit(main())
