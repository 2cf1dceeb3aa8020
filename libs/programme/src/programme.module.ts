import { Module } from '@nestjs/common';
import { ProgrammeController } from './programme.controller';
import { ProgrammeMonitor } from './programme.service';

/** The programme monitor; it seeds the programme's actions on start. */
@Module({ providers: [ProgrammeMonitor], exports: [ProgrammeMonitor] })
export class ProgrammeModule {}

/** `/api/programme/…`, for processes that serve HTTP. */
@Module({ imports: [ProgrammeModule], controllers: [ProgrammeController] })
export class ProgrammeHttpModule {}
