from fgd_app.cli.commands import main

raise SystemExit(main())
